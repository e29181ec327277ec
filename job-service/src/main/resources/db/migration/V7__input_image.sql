-- What intake learned of the input image, carried to the workers so none decodes it just to know its size.
-- Null for jobs submitted before this column existed.
alter table jobs add column image_content_type text;
alter table jobs add column image_width int;
alter table jobs add column image_height int;
